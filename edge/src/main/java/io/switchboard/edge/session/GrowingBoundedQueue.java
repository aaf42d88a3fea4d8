package io.switchboard.edge.session;

import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.util.concurrent.Queues;

/**
 * A queue for one producer and one consumer that refuses past {@code capacity} but takes memory only as it
 * fills. Reactor's bounded queue ({@code Queues.get(n)}) allocates all n slots up front: two of them per socket
 * at the default session buffer of 1,024 were 8 KiB of every idle connection's heap, for a buffer that is
 * almost always empty. This grows in small linked chunks ({@link Queues#unbounded(int)}) and counts.
 *
 * <p>A sink given this queue sees {@code offer} return false when it is full, exactly as with the bounded one,
 * so overflow (a slow consumer) is still noticed. One producer at a time: the session's emitters are
 * synchronized.
 */
final class GrowingBoundedQueue<T> extends AbstractQueue<T> {

  /** Slots per chunk: an empty queue costs one chunk of this size. */
  private static final int CHUNK = 16;

  private final Queue<T> chunks = Queues.<T>unbounded(CHUNK).get();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;

  GrowingBoundedQueue(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public boolean offer(T element) {
    if (size.get() >= capacity) {
      return false;
    }
    chunks.offer(element);
    size.incrementAndGet();
    return true;
  }

  @Override
  public T poll() {
    T element = chunks.poll();
    if (element != null) {
      size.decrementAndGet();
    }
    return element;
  }

  @Override
  public T peek() {
    return chunks.peek();
  }

  @Override
  public boolean isEmpty() {
    return chunks.isEmpty();
  }

  @Override
  public int size() {
    return size.get();
  }

  @Override
  public void clear() {
    while (poll() != null) {
      // emptied one at a time so the count stays true
    }
  }

  /** Not supported: neither Reactor nor the session walks its buffer. */
  @Override
  public Iterator<T> iterator() {
    throw new UnsupportedOperationException("a session buffer is only polled");
  }
}
