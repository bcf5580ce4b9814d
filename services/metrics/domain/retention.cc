#include "services/metrics/domain/retention.h"

#include "services/metrics/domain/calendar.h"

namespace cx::metrics {
namespace {

google::type::Date MonthDate(absl::CivilMonth month) {
  return ToDate(absl::CivilDay(month));
}

double Percent(int64_t part, int64_t whole) {
  return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

int64_t RevenueLedger::MrrAt(const MrrHistory& history,
                             absl::CivilMonth month) {
  auto it = history.upper_bound(month);
  if (it == history.begin()) return 0;
  return std::prev(it)->second;
}

v1::RetentionSummary RevenueLedger::Summarize(absl::CivilMonth first,
                                              absl::CivilMonth last) const {
  v1::RetentionSummary s;
  *s.mutable_start_month() = MonthDate(first);
  *s.mutable_end_month() = MonthDate(last);
  for (const auto& [account, history] : accounts_) {
    const int64_t start = MrrAt(history, first - 1);
    const int64_t end = MrrAt(history, last);
    s.set_ending_mrr_minor(s.ending_mrr_minor() + end);
    if (start <= 0) {
      if (end > 0) {
        s.set_new_accounts(s.new_accounts() + 1);
        s.set_new_mrr_minor(s.new_mrr_minor() + end);
      }
      continue;
    }
    s.set_starting_accounts(s.starting_accounts() + 1);
    s.set_starting_mrr_minor(s.starting_mrr_minor() + start);
    if (end <= 0) {
      s.set_churned_accounts(s.churned_accounts() + 1);
      s.set_churned_mrr_minor(s.churned_mrr_minor() + start);
    } else if (end > start) {
      s.set_expansion_mrr_minor(s.expansion_mrr_minor() + end - start);
    } else {
      s.set_contraction_mrr_minor(s.contraction_mrr_minor() + start - end);
    }
  }
  if (s.starting_accounts() > 0) {
    s.set_logo_churn_percent(Percent(s.churned_accounts(), s.starting_accounts()));
  }
  if (s.starting_mrr_minor() > 0) {
    const int64_t start = s.starting_mrr_minor();
    const int64_t kept = start - s.contraction_mrr_minor() - s.churned_mrr_minor();
    s.set_gross_revenue_retention_percent(Percent(kept, start));
    s.set_net_revenue_retention_percent(
        Percent(kept + s.expansion_mrr_minor(), start));
  }
  return s;
}

std::vector<v1::CohortRow> RevenueLedger::Cohorts(absl::CivilMonth first,
                                                  absl::CivilMonth last) const {
  // Per cohort month: the histories of its accounts.
  std::map<absl::CivilMonth, std::vector<const MrrHistory*>> members;
  for (const auto& [account, history] : accounts_) {
    for (const auto& [month, mrr] : history) {
      if (mrr <= 0) continue;
      if (month >= first && month <= last) members[month].push_back(&history);
      break;  // only the first active month makes the cohort
    }
  }
  std::vector<v1::CohortRow> out;
  for (const auto& [cohort, histories] : members) {
    v1::CohortRow row;
    *row.mutable_cohort_month() = MonthDate(cohort);
    row.set_accounts(static_cast<int64_t>(histories.size()));
    for (const MrrHistory* h : histories) {
      row.set_starting_mrr_minor(row.starting_mrr_minor() + MrrAt(*h, cohort));
    }
    for (absl::CivilMonth m = cohort; m <= last; ++m) {
      v1::CohortCell* cell = row.add_cells();
      cell->set_month_offset(static_cast<int32_t>(m - cohort));
      for (const MrrHistory* h : histories) {
        const int64_t mrr = MrrAt(*h, m);
        if (mrr > 0) cell->set_active_accounts(cell->active_accounts() + 1);
        cell->set_mrr_minor(cell->mrr_minor() + mrr);
      }
      cell->set_logo_retention_percent(
          Percent(cell->active_accounts(), row.accounts()));
      if (row.starting_mrr_minor() > 0) {
        cell->set_net_revenue_retention_percent(
            Percent(cell->mrr_minor(), row.starting_mrr_minor()));
      }
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace cx::metrics
