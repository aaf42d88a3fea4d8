package io.switchboard.broker;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the AMQP 0-9-1 broker is: RabbitMQ in production, the embedded Qpid broker in the all-in-one launcher.
 *
 * @param bccFanOut whether one publish may name many users' routing keys (the {@code BCC} header) when the broker
 *     is RabbitMQ; off, every user gets a publish of their own, as on brokers that ignore the header
 */
@ConfigurationProperties("switchboard.broker")
public record BrokerProperties(
    @DefaultValue("amqp://guest:guest@127.0.0.1:5672") @NotBlank String uri,
    @DefaultValue("switchboard") String connectionName,
    @DefaultValue("true") boolean bccFanOut) {}
