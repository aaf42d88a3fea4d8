package io.switchboard.router.inbound;

import java.util.function.Function;
import java.util.function.ToIntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The router's commands, spread over lanes by conversation. A command's work has two parts: what must keep the
 * conversation's order (store the message, deliver it to the members) and what need not (the search event, the
 * push events: durable queues, whose confirms may wait for the broker's disk). One lane's first parts run one
 * after another, in arrival order; a command's second part runs alongside the next commands' first parts, so a
 * slow confirm does not hold the conversation back. A command comes out — to be acknowledged — only when both of its
 * parts are done, so a router that stops at any point still leaves it in the queue.
 */
final class CommandLanes {

  private CommandLanes() {}

  /**
   * @param laneOf which lane a command goes in, from 0 to {@code lanes - 1}
   * @param prefetch the most commands held at once (the broker's prefetch): bounds the lanes' queues and the
   *     second parts in flight
   * @param work a command's first part; it emits the second part (or nothing: there is none), which is started
   *     once the first is done
   * @return the commands whose work is all done, lane by lane in the order their second parts finish
   */
  static <T> Flux<T> run(
      Flux<T> commands, ToIntFunction<? super T> laneOf, int lanes, int prefetch,
      Function<? super T, Mono<Mono<Void>>> work) {
    return commands
        .groupBy(laneOf::applyAsInt, prefetch)
        .flatMap(lane -> lane
            .concatMap(command -> work.apply(command)
                .defaultIfEmpty(Mono.empty())
                .map(secondPart -> secondPart.thenReturn(command)))
            .flatMap(Function.identity(), prefetch), lanes);
  }
}
