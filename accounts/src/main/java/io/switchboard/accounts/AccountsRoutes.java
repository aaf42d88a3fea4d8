package io.switchboard.accounts;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.switchboard.accounts.device.DeviceListHandler;
import io.switchboard.accounts.device.DeviceSignOutHandler;
import io.switchboard.accounts.group.GroupChangeHandler;
import io.switchboard.accounts.group.GroupQueryHandler;
import io.switchboard.accounts.login.LoginHandler;
import io.switchboard.accounts.login.SignupHandler;
import io.switchboard.accounts.settings.UserSettingsHandler;
import io.switchboard.accounts.user.UserLookupHandler;
import io.switchboard.security.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Every HTTP endpoint of the accounts service, in one place. Sign-up and login are public (see
 * {@link io.switchboard.security.BearerTokenFilter#PUBLIC_ENDPOINTS}); everything else needs a token. Every
 * error is answered as an RFC 9457 problem by the one filter applied here.
 */
@Configuration(proxyBeanMethods = false)
public class AccountsRoutes {

  @Bean
  RouterFunction<ServerResponse> accountsRouterFunction(
      SignupHandler signup,
      LoginHandler login,
      UserLookupHandler users,
      DeviceListHandler devices,
      DeviceSignOutHandler signOut,
      GroupQueryHandler groups,
      GroupChangeHandler groupChanges,
      UserSettingsHandler settings) {
    return route()
        .POST("/api/accounts/signup", signup::signup)
        .POST("/api/accounts/login", login::login)
        .GET("/api/users/me", users::caller)
        .GET("/api/users/me/settings", settings::settings)
        .PUT("/api/users/me/settings", settings::change)
        .GET("/api/users/{userId}", users::byId)
        .GET("/api/users", users::byUsername)
        .GET("/api/devices", devices::callersDevices)
        .DELETE("/api/devices/{deviceId}", signOut::signOut)
        // groups: see docs/groups.md
        .POST("/api/groups", groupChanges::create)
        .GET("/api/groups/{groupId}", groups::details)
        .GET("/api/groups/{groupId}/members", groups::members)
        .PUT("/api/groups/{groupId}/name", groupChanges::rename)
        .POST("/api/groups/{groupId}/members", groupChanges::addMembers)
        .DELETE("/api/groups/{groupId}/members/{userId}", groupChanges::removeMember)
        .POST("/api/groups/{groupId}/leave", groupChanges::leave)
        .PUT("/api/groups/{groupId}/admins/{userId}", groupChanges::promote)
        .DELETE("/api/groups/{groupId}/admins/{userId}", groupChanges::demote)
        .filter(ProblemResponses.errorsAsProblems())
        .build();
  }
}
