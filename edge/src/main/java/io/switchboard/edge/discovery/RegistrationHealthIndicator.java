package io.switchboard.edge.discovery;

import io.switchboard.edge.session.DeviceSessions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The edge's part of readiness ({@code /actuator/health/readiness}, see edge.yaml): ready while it is listed
 * in discovery, not while it starts, drains, or has lost ZooKeeper. Without ZooKeeper configured, ready
 * unless draining (a load balancer is then what sends clients here).
 */
@Component("registration")
class RegistrationHealthIndicator implements HealthIndicator {

  private final EdgeRegistration registration;
  private final DeviceSessions sessions;

  RegistrationHealthIndicator(EdgeRegistration registration, DeviceSessions sessions) {
    this.registration = registration;
    this.sessions = sessions;
  }

  @Override
  public Health health() {
    if (sessions.isDraining()) {
      return Health.outOfService().withDetail("reason", "draining").build();
    }
    if (!registration.enabled()) {
      return Health.up().withDetail("discovery", "off").build();
    }
    return registration.isRegistered()
        ? Health.up().withDetail("discovery", "registered").build()
        : Health.outOfService().withDetail("reason", "not registered in ZooKeeper").build();
  }
}
