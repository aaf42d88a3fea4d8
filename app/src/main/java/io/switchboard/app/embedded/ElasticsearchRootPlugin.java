package io.switchboard.app.embedded;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestChannel;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

/**
 * Answers {@code GET /} and {@code HEAD /} the way a full Elasticsearch does: the {@code rest-root} module that
 * normally does so is not published on Maven Central, and clients probe {@code /} to tell the server is up.
 */
public final class ElasticsearchRootPlugin extends Plugin implements ActionPlugin {

  private final Settings settings;

  public ElasticsearchRootPlugin(Settings settings) {
    this.settings = settings;
  }

  @Override
  public Collection<RestHandler> getRestHandlers(Settings nodeSettings, NamedWriteableRegistry registry,
      RestController controller, ClusterSettings clusterSettings, IndexScopedSettings indexScopedSettings,
      SettingsFilter settingsFilter, IndexNameExpressionResolver resolver, Supplier<DiscoveryNodes> nodes,
      Predicate<NodeFeature> clusterSupportsFeature) {
    return List.of(new RootHandler(settings));
  }

  private record RootHandler(Settings settings) implements RestHandler {

    @Override
    public List<Route> routes() {
      return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
    }

    @Override
    public void handleRequest(RestRequest request, RestChannel channel, NodeClient client) throws Exception {
      XContentBuilder body = channel.newBuilder();
      body.startObject()
          .field("name", settings.get("node.name"))
          .field("cluster_name", settings.get("cluster.name"))
          .startObject("version")
          .field("number", Build.current().version())
          .field("build_flavor", "default")
          .endObject()
          .field("tagline", "You Know, for Search")
          .endObject();
      channel.sendResponse(new RestResponse(RestStatus.OK, body));
    }
  }
}
