package io.switchboard.push.provider;

import io.switchboard.push.PushProperties;
import io.switchboard.push.target.ProviderKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The providers that are configured; the others are off, and targets of theirs are skipped. Says at start
 * which are on, since a push worker with none on notifies nobody.
 */
@Component
public class PushProviders implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(PushProviders.class);

  private final Map<ProviderKind, PushProvider> providers = new EnumMap<>(ProviderKind.class);

  PushProviders(PushProperties properties) throws Exception {
    // Boot 4 auto-configures no WebClient.Builder without its webclient starter; a plain one is all we need
    WebClient client = WebClient.builder().build();
    if (properties.apns().configured()) {
      providers.put(ProviderKind.APNS, new ApnsProvider(properties.apns()));
    }
    if (properties.fcm().configured()) {
      providers.put(ProviderKind.FCM, new FcmProvider(properties.fcm(), client));
    }
    if (properties.webPush().configured()) {
      providers.put(ProviderKind.WEB_PUSH, new WebPushProvider(properties.webPush(), client));
    }
    if (providers.isEmpty()) {
      log.info("push: providers off (none of APNs, FCM, Web Push is configured under switchboard.push.*):"
          + " offline users are not notified");
    } else {
      List<String> on = providers.keySet().stream().map(ProviderKind::wireName).toList();
      List<String> off = List.of(ProviderKind.values()).stream()
          .filter(kind -> !providers.containsKey(kind)).map(ProviderKind::wireName).toList();
      log.info("push: providers on {}, off {}", on, off);
    }
  }

  public Optional<PushProvider> of(ProviderKind kind) {
    return Optional.ofNullable(providers.get(kind));
  }

  @Override
  public void destroy() {
    PushProvider apns = providers.get(ProviderKind.APNS);
    if (apns instanceof ApnsProvider closeable) {
      closeable.close();
    }
  }
}
