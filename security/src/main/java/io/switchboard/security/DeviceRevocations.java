package io.switchboard.security;

import reactor.core.publisher.Mono;

/**
 * The hook for signing a device out before its token expires. Tokens are checked without a database
 * lookup; a bean of this type, when one exists, is asked about every caller whose token is otherwise good.
 * Until one is written, {@link #NONE} applies and a token is good until it expires.
 */
@FunctionalInterface
public interface DeviceRevocations {

  DeviceRevocations NONE = device -> Mono.just(false);

  Mono<Boolean> isRevoked(AuthenticatedDevice device);
}
