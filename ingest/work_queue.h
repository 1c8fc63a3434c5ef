// A bounded multi-producer, multi-consumer queue that can be closed.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace trialgraph::ingest {

template <typename T>
class WorkQueue {
 public:
  //! A queue holding at most `capacity` items; Push blocks while full.
  explicit WorkQueue(size_t capacity) : capacity_(capacity) {}

  //! Adds an item; returns false (dropping it) once the queue is closed.
  bool Push(T item) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  //! The next item; nullopt once the queue is closed and drained.
  std::optional<T> Pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  //! No more items will be pushed; consumers drain what is left.
  void Close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace trialgraph::ingest
