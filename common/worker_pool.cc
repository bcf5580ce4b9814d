#include "common/worker_pool.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

namespace cx {

WorkerPool::WorkerPool(int threads, std::string name, int nice_increment)
    : name_(std::move(name)),
      nice_(std::min(19, getpriority(PRIO_PROCESS, gettid()) +
                             std::max(0, nice_increment))) {
  threads_.reserve(threads);
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

void WorkerPool::Enqueue(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(task));
  }
  work_.notify_one();
}

void WorkerPool::Loop() {
  pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());
  // Raising one's own nice value needs no privilege; should it fail anyway,
  // the pool works as before, only at its creator's priority.
  (void)setpriority(PRIO_PROCESS, gettid(), nice_);
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to run
    std::function<void()> task = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    task();
    task = nullptr;  // what it captured goes before the lock is taken again
    lock.lock();
  }
}

}  // namespace cx
