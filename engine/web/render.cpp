#include "web/render.h"

#include <nlohmann/json.hpp>

#include <map>
#include <mutex>

#include <kainjow/mustache.hpp>

#include "base/embedded.h"
#include "base/error.h"
#include "base/utf8.h"

namespace jiandu::web {

namespace mstch = kainjow::mustache;

namespace {

mstch::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mstch::data d{mstch::data::type::object};
      for (auto& [k, v] : j.items()) {
        d.set(k, to_data(v));
        // A list's section repeats per item: has_<list> is for what comes once (a table's head).
        if (v.is_array() && !j.contains("has_" + k)) d.set("has_" + k, mstch::data{!v.empty()});
      }
      return d;
    }
    case nlohmann::json::value_t::array: {
      mstch::data d{mstch::data::type::list};
      for (auto& v : j) d.push_back(to_data(v));
      return d;
    }
    case nlohmann::json::value_t::string: return mstch::data{show_format_chars(j.get<std::string>())};
    case nlohmann::json::value_t::boolean: return mstch::data{j.get<bool>()};
    case nlohmann::json::value_t::null: return mstch::data{false};
    default: return mstch::data{j.dump()};  // numbers
  }
}

std::string template_text(const std::string& name) {
  try {
    return std::string(embedded("engine/web/templates/" + name + ".mustache"));
  } catch (const std::out_of_range&) {
    throw Error("web: no template " + name);
  }
}

}  // namespace

std::string render_page(const std::string& name, const nlohmann::json& data, const Frame& frame) {
  nlohmann::json page = data;
  if (!page.is_object()) page = nlohmann::json{{"data", data}};
  page["frame"] = {{"title", frame.title},
                   {"csrf", frame.csrf},
                   {"user_name", frame.user_name},
                   {"signed_in", !frame.user_name.empty()},
                   {"admin", frame.admin},
                   {"notice", frame.notice},
                   {"has_notice", !frame.notice.empty()},
                   {"error", frame.error},
                   {"has_error", !frame.error.empty()},
                   {"nav_" + (frame.nav.empty() ? std::string("none") : frame.nav), true}};
  mstch::data d = to_data(page);
  std::string body = template_text(name);
  d.set("content", mstch::partial{[body] { return body; }});
  mstch::mustache layout{template_text("layout")};
  if (!layout.is_valid()) throw Error("web: template layout: " + layout.error_message());
  std::string out = layout.render(d);
  if (!layout.is_valid()) throw Error("web: template " + name + ": " + layout.error_message());
  return out;
}

const std::string* static_file(const std::string& name) {
  static std::map<std::string, std::string> files;
  static std::once_flag once;
  std::call_once(once, [] {
    for (const char* f : {"app.css", "app.js"}) files[f] = std::string(embedded(std::string("engine/web/static/") + f));
  });
  auto it = files.find(name);
  return it == files.end() ? nullptr : &it->second;
}

}  // namespace jiandu::web
