package io.switchboard.app.e2e.push;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a provider test server answers each address (token or subscription): accepted by default, or scripted
 * to report it gone, to fail a few times first, or to fail always. Counts requests per address.
 */
final class Answers {

  enum Script { ACCEPT, GONE, FAIL_THREE_TIMES, FAIL_ALWAYS }

  enum Answer { ACCEPTED, GONE, FAILED }

  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  void script(String address, Script script) {
    scripts.put(address, script);
  }

  /** Counts the request and says how to answer it. */
  Answer next(String address) {
    int count = requests.computeIfAbsent(address, absent -> new AtomicInteger()).incrementAndGet();
    switch (scripts.getOrDefault(address, Script.ACCEPT)) {
      case GONE:
        return Answer.GONE;
      case FAIL_THREE_TIMES:
        return count <= 3 ? Answer.FAILED : Answer.ACCEPTED;
      case FAIL_ALWAYS:
        return Answer.FAILED;
      default:
        return Answer.ACCEPTED;
    }
  }

  int requests(String address) {
    AtomicInteger count = requests.get(address);
    return count == null ? 0 : count.get();
  }
}
