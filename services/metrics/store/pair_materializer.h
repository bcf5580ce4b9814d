// Keeps pair rollups asked for by queries, one at a time on a background
// thread, so the asking query is not held up (it is answered from facts).
#ifndef CX_SERVICES_METRICS_STORE_PAIR_MATERIALIZER_H_
#define CX_SERVICES_METRICS_STORE_PAIR_MATERIALIZER_H_

#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <tuple>

#include "common/clock.h"
#include "common/mysql/connection_pool.h"
#include "services/metrics/domain/series.h"

namespace cx::metrics {

class PairMaterializer {
 public:
  PairMaterializer(ConnectionPool* pool, const Clock* clock);
  ~PairMaterializer();

  // Queues (tenant, series, mask) unless it is queued or running already.
  void Request(const std::string& tenant, const std::string& series,
               DimensionMask mask);

 private:
  using Job = std::tuple<std::string, std::string, DimensionMask>;
  void Loop();

  ConnectionPool* pool_;
  const Clock* clock_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  std::set<Job> known_;  // queued or running
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_STORE_PAIR_MATERIALIZER_H_
