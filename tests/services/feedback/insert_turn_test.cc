#include "services/feedback/store/insert_turn.h"

#include <algorithm>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace cx::feedback {
namespace {

using std::chrono::milliseconds;

void WaitUntilWaiting(InsertTurn& turn, WritePriority priority, int n) {
  while (turn.Waiting(priority) < n) std::this_thread::yield();
}

TEST(InsertTurnTest, LiveWriterGoesBeforeBulkWritersThatWaitedLonger) {
  InsertTurn turn(milliseconds(60'000));
  ASSERT_TRUE(turn.Acquire(WritePriority::kBulk));
  std::mutex mu;
  std::vector<std::string> order;
  auto writer = [&](WritePriority priority, std::string name) {
    return std::thread([&, priority, name] {
      ScopedInsertTurn held(turn, priority);
      std::lock_guard<std::mutex> lock(mu);
      order.push_back(name);
    });
  };
  std::thread bulk = writer(WritePriority::kBulk, "bulk");
  WaitUntilWaiting(turn, WritePriority::kBulk, 1);
  std::thread live = writer(WritePriority::kLive, "live");
  WaitUntilWaiting(turn, WritePriority::kLive, 1);
  turn.Release();
  live.join();
  bulk.join();
  EXPECT_EQ(order, (std::vector<std::string>{"live", "bulk"}));
}

TEST(InsertTurnTest, BulkWriterGoesAheadWithoutTheTurnAfterItsPatience) {
  InsertTurn turn(milliseconds(20));
  ASSERT_TRUE(turn.Acquire(WritePriority::kLive));
  // The holder never releases (as if waiting for the bulk writer's locks).
  EXPECT_FALSE(turn.Acquire(WritePriority::kBulk));
  EXPECT_EQ(turn.Waiting(WritePriority::kBulk), 0);
  turn.Release();
  EXPECT_TRUE(turn.Acquire(WritePriority::kBulk));
  turn.Release();
}

TEST(InsertTurnTest, OneHolderAtATime) {
  InsertTurn turn(milliseconds(60'000));
  int holders = 0, most = 0;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const WritePriority priority =
          t % 2 ? WritePriority::kLive : WritePriority::kBulk;
      for (int i = 0; i < 200; ++i) {
        ScopedInsertTurn held(turn, priority);
        {
          std::lock_guard<std::mutex> lock(mu);
          most = std::max(most, ++holders);
        }
        std::this_thread::yield();
        std::lock_guard<std::mutex> lock(mu);
        --holders;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(most, 1);
}

}  // namespace
}  // namespace cx::feedback
