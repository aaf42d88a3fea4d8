package io.switchboard.edge.session;

import io.switchboard.protocol.broker.UserDelivery;

/**
 * What waits in a session's live buffer, in the order it happened: a delivery from the edge's queue, or the
 * order to catch up from the database because deliveries may have been lost (the edge's queue went with a
 * broker connection).
 */
sealed interface LiveEvent permits LiveEvent.Delivered, LiveEvent.CatchUp {

  record Delivered(UserDelivery delivery) implements LiveEvent {}

  record CatchUp() implements LiveEvent {}
}
