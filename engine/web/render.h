#pragma once
// Pages from templates (engine/web/templates, compiled in) through kainjow-mustache, whose
// {{name}} escapes for HTML: a page is never HTML built from strings. Every page is the
// layout around one template; the data is the page's JSON, the same the API returns.
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace jiandu::web {

struct Frame {
  std::string title;      // the page's name, after 监督工作台
  std::string nav;        // which menu item is current: todo, units, alerts, report, account, logins
  std::string csrf;       // the session's CSRF token, for the forms
  std::string user_name;  // empty on the login page
  bool admin = false;
  std::string notice, error;  // one line after an action
};

// Throws Error when the template is missing or does not parse (a build defect).
std::string render_page(const std::string& name, const nlohmann::json& data, const Frame& frame);

// A static file (app.css, app.js), or nullptr.
const std::string* static_file(const std::string& name);

}  // namespace jiandu::web
