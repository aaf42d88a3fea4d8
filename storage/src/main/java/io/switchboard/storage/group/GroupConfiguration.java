package io.switchboard.storage.group;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Group limits and rules, for every service that reads or changes groups. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GroupProperties.class)
public class GroupConfiguration {

  @Bean
  MembershipRules switchboardMembershipRules(GroupProperties properties) {
    return new MembershipRules(properties.maxMembers());
  }
}
