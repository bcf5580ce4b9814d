// A fixed set of long-lived threads running submitted tasks in the order
// they were submitted. Long-lived rather than a thread per task
// (std::async): a new thread starts with empty allocator caches and its own
// database client state, and hands its cache back when it exits, which cost
// an import of 1,000-record batches ~9% of its server CPU.
#ifndef CX_COMMON_WORKER_POOL_H_
#define CX_COMMON_WORKER_POOL_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace cx {

// Thread-safe.
class WorkerPool {
 public:
  // `name` names the threads (for top -H and perf; at most 15 characters).
  // `nice_increment` lowers their CPU priority below the creating thread's
  // (Linux nice values are per thread): background work yields the cores to
  // latency-sensitive threads and still gets whatever they leave idle.
  WorkerPool(int threads, std::string name, int nice_increment = 0);
  // Runs every task already submitted, then joins the threads.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`; its result (or exception) arrives through the future.
  template <typename F, typename Result = std::invoke_result_t<F>>
  std::future<Result> Submit(F task) {
    // std::function must be copyable; a packaged_task is not.
    auto packaged =
        std::make_shared<std::packaged_task<Result()>>(std::move(task));
    std::future<Result> result = packaged->get_future();
    Enqueue([packaged] { (*packaged)(); });
    return result;
  }

 private:
  void Enqueue(std::function<void()> task);
  void Loop();

  const std::string name_;
  const int nice_;  // the threads' nice value
  std::mutex mu_;
  std::condition_variable work_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace cx

#endif  // CX_COMMON_WORKER_POOL_H_
