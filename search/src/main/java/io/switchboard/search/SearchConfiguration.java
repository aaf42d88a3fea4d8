package io.switchboard.search;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Elasticsearch client: asynchronous, so no call blocks an event loop. */
@SearchEnabled
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
class SearchConfiguration {

  @Bean(destroyMethod = "close")
  RestClient searchRestClient(SearchProperties properties) {
    return RestClient.builder(HttpHost.create(properties.elasticsearchUri())).build();
  }

  @Bean
  ElasticsearchAsyncClient elasticsearchAsyncClient(RestClient restClient) {
    return new ElasticsearchAsyncClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
  }
}
