#include "common/worker_pool.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "gtest/gtest.h"

namespace cx {
namespace {

TEST(WorkerPoolTest, ResultsAndExceptionsComeThroughTheFutures) {
  WorkerPool pool(2, "cx-test");
  std::future<int> sum = pool.Submit([] { return 20 + 22; });
  std::future<void> fails =
      pool.Submit([] { throw std::runtime_error("bad batch"); });
  EXPECT_EQ(sum.get(), 42);
  EXPECT_THROW(fails.get(), std::runtime_error);
  // A task that threw leaves its thread working.
  EXPECT_EQ(pool.Submit([] { return 7; }).get(), 7);
}

TEST(WorkerPoolTest, TasksRunOnThreadsOfThatNameAndPriority) {
  const int own_nice = getpriority(PRIO_PROCESS, gettid());
  WorkerPool pool(1, "cx-import", /*nice_increment=*/3);
  const auto [name, nice] = pool.Submit([] {
                                  char buffer[16] = {};
                                  pthread_getname_np(pthread_self(), buffer,
                                                     sizeof buffer);
                                  return std::make_pair(
                                      std::string(buffer),
                                      getpriority(PRIO_PROCESS, gettid()));
                                })
                                .get();
  EXPECT_EQ(name, "cx-import");
  EXPECT_EQ(nice, std::min(19, own_nice + 3));
  // The creating thread keeps its own priority.
  EXPECT_EQ(getpriority(PRIO_PROCESS, gettid()), own_nice);
}

TEST(WorkerPoolTest, AllThreadsWorkAtOnceButNoMore) {
  constexpr int kThreads = 2;
  WorkerPool pool(kThreads, "cx-test");
  std::mutex mu;
  std::condition_variable changed;
  int running = 0;
  int most = 0;
  bool all_met = true;
  std::vector<std::future<void>> done;
  for (int i = 0; i < 3 * kThreads; ++i) {
    done.push_back(pool.Submit([&] {
      std::unique_lock<std::mutex> lock(mu);
      ++running;
      most = std::max(most, running);
      changed.notify_all();
      // Each task waits until every thread holds one; with fewer threads
      // than that, the wait times out instead of hanging the test.
      all_met &= changed.wait_for(lock, std::chrono::seconds(10), [&] {
        return most >= kThreads;
      });
      --running;
    }));
  }
  for (auto& d : done) d.get();
  EXPECT_TRUE(all_met);
  EXPECT_EQ(most, kThreads);
}

TEST(WorkerPoolTest, DestructionRunsWhatIsQueuedFirst) {
  std::atomic<int> ran{0};
  std::mutex gate;
  {
    WorkerPool pool(1, "cx-test");
    std::unique_lock<std::mutex> closed(gate);
    pool.Submit([&] {
      std::lock_guard<std::mutex> wait(gate);
      ++ran;
    });
    for (int i = 0; i < 5; ++i) pool.Submit([&] { ++ran; });
    closed.unlock();
  }  // the first task may not even have started here
  EXPECT_EQ(ran.load(), 6);
}

}  // namespace
}  // namespace cx
