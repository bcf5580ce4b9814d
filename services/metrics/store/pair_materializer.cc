#include "services/metrics/store/pair_materializer.h"

#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "services/metrics/store/rollup_rebuild.h"

namespace cx::metrics {

PairMaterializer::PairMaterializer(ConnectionPool* pool, const Clock* clock)
    : pool_(pool), clock_(clock), thread_([this] { Loop(); }) {}

PairMaterializer::~PairMaterializer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PairMaterializer::Request(const std::string& tenant,
                               const std::string& series, DimensionMask mask) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    Job job{tenant, series, mask};
    if (!known_.insert(job).second) return;
    queue_.push_back(std::move(job));
  }
  wake_.notify_all();
}

void PairMaterializer::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    Job job = queue_.front();
    queue_.pop_front();
    lock.unlock();
    const auto& [tenant, series, mask] = job;
    const absl::Time start = clock_->Now();
    const absl::Status s = MaterializePairRollup(*pool_, tenant, series, mask, start);
    if (s.ok()) {
      LogInfo("pair rollup kept from now on",
              {{"tenant", tenant}, {"series", series},
               {"dims", absl::StrCat(mask)},
               {"ms", absl::StrCat(absl::ToInt64Milliseconds(clock_->Now() - start))}});
    } else {
      LogWarning("pair rollup not materialised", {{"error", s.ToString()}});
    }
    lock.lock();
    known_.erase(job);  // a failed one may be asked for again
  }
}

}  // namespace cx::metrics
