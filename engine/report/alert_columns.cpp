#include "report/alert_columns.h"

#include "base/vocabulary.h"
#include "report/labels.h"
#include "report/local_time.h"

namespace jiandu::report {

const std::vector<Column>& alert_columns() {
  using T = CellType;
  static const std::vector<Column> columns{{"预警编号", T::text, 14},
                                           {"状态", T::text, 13},
                                           {"规则编号", T::text, 30},
                                           {"规则名称", T::text, 28},
                                           {"结果", T::text, 10},
                                           {"严重程度", T::text, 9},
                                           {"单位编号", T::text, 12},
                                           {"单位", T::text, 28},
                                           {"对象类型", T::text, 9},
                                           {"对象编号", T::text, 12},
                                           {"对象", T::text, 24},
                                           {"期间", T::text, 10},
                                           {"问题", T::text, 60},
                                           {"责任职务", T::text, 14},
                                           {"责任人编号（发生时）", T::text, 12},
                                           {"责任人（发生时）", T::text, 12},
                                           {"现责任人编号", T::text, 12},
                                           {"现责任人", T::text, 12},
                                           {"处理对象编号", T::text, 12},
                                           {"处理对象", T::text, 12},
                                           {"升级至编号", T::text, 12},
                                           {"升级至", T::text, 12},
                                           {"升级层级", T::number, 9},
                                           {"建议形态", T::text, 12},
                                           {"发生日期", T::date, 12},
                                           {"整改期限", T::date, 12},
                                           {"义务期限", T::date, 12},
                                           {"日历说明", T::text, 20},
                                           {"最近办理时间", T::text, 26},
                                           {"轨迹校验", T::text, 10}};
  return columns;
}

std::vector<std::string> alert_cells(const AlertRow& a, const Zone& zone) {
  return {a.id,
          status_text(a.status),
          a.rule,
          a.title,
          outcome_label(a.outcome),
          severity_label(a.severity),
          a.org,
          a.org_name,
          subject_type_label(a.subject_type),
          a.subject_id,
          a.subject_name,
          a.period,
          a.message,
          a.owner_role.empty() ? "" : vocabulary().role(a.owner_role),
          a.owner_then,
          a.owner_then_name,
          a.owner_now,
          a.owner_now_name,
          a.target,
          a.target_name,
          a.escalated_to,
          a.escalated_to_name,
          std::to_string(a.level),
          a.form ? form_label(*a.form) : "",
          a.lapse_date,
          a.rectify_due,
          a.due,
          a.provisional_note(),
          local_moment(a.last_at, zone),
          a.altered ? "已被改动" : "通过"};
}

}  // namespace jiandu::report
