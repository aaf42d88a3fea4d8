package io.switchboard.push.provider;

import io.switchboard.push.delivery.Notification;
import io.switchboard.push.target.ProviderKind;
import io.switchboard.push.target.PushTarget;
import reactor.core.publisher.Mono;

/**
 * One push service. {@link #send} answers with what the provider said; a transport error (connection refused,
 * reset) may also surface as an error, which the caller treats as transient.
 */
public interface PushProvider {

  ProviderKind kind();

  Mono<ProviderAnswer> send(PushTarget target, Notification notification);
}
