package org.elasticsearch.node;

import java.util.Collection;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * An Elasticsearch node whose plugins are classes on the classpath, built the way the ES test framework's
 * MockNode is (that one refuses to run as root). In this package because the node's construction pieces are
 * package-private. Used only by Switchboard's all-in-one launcher and tests, never by a service's artifact.
 */
public final class ClasspathPluginsNode extends Node {

  public ClasspathPluginsNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
    super(NodeConstruction.prepareConstruction(
        environment,
        ClasspathPluginsService.noBundles(),
        new NodeServiceProvider() {
          @Override
          PluginsService newPluginService(Environment env, PluginsLoader loader) {
            return new ClasspathPluginsService(env.settings(), env, plugins);
          }
        },
        true));
  }

  /**
   * Left out: it records the node and cluster id for log lines in a JVM-wide set-once holder, so a second node
   * in the same JVM (a restarted embedded node) would fail its first cluster state and never finish starting.
   */
  @Override
  protected void configureNodeAndClusterIdStateListener(org.elasticsearch.cluster.service.ClusterService clusterService) {}
}
