package io.switchboard.discovery;

import io.switchboard.protocol.json.SwitchboardJson;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.apache.curator.x.discovery.details.InstanceSerializer;

/**
 * What an edge's znode holds: its {@link EdgeInstance} as JSON, written with the project's Jackson (Curator's
 * own serializer is built on an older Jackson and writes Java class names into the data).
 */
final class EdgeInstanceSerializer implements InstanceSerializer<EdgeInstance> {

  /** The znode's content. */
  record StoredEdge(String id, long registeredAt, EdgeInstance edge) {}

  @Override
  public byte[] serialize(ServiceInstance<EdgeInstance> instance) {
    return SwitchboardJson.mapper().writeValueAsBytes(
        new StoredEdge(instance.getId(), instance.getRegistrationTimeUTC(), instance.getPayload()));
  }

  @Override
  public ServiceInstance<EdgeInstance> deserialize(byte[] bytes) {
    StoredEdge stored = SwitchboardJson.mapper().readValue(bytes, StoredEdge.class);
    return new ServiceInstance<>(EdgeRegistry.EDGE_SERVICE, stored.id(), null, null, null, stored.edge(),
        stored.registeredAt(), ServiceType.DYNAMIC, null, true);
  }
}
