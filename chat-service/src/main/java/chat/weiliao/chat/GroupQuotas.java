package chat.weiliao.chat;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.Config;
import chat.weiliao.common.store.RateLimiter;
import io.vertx.core.Future;

/**
 * Limits on making groups (issue 15 #5): each group pushes its events, system messages and list
 * entries to up to 500 people, so one account may own at most {@code ownedLimit} groups at a time
 * and create at most {@code creationsPerHour} in an hour. Ownership that passes to someone when an
 * owner leaves is not checked: the cap guards creation, not inheritance.
 */
final class GroupQuotas {
  private final RateLimiter limits;
  private final GroupStore groups;
  private final int ownedLimit;
  private final int creationsPerHour;

  GroupQuotas(RateLimiter limits, GroupStore groups, Config config) {
    this.limits = limits;
    this.groups = groups;
    this.ownedLimit = config.integer("WEILIAO_GROUPS_OWNED_PER_USER", 500);
    this.creationsPerHour = config.integer("WEILIAO_GROUP_CREATIONS_PER_HOUR", 50);
  }

  /**
   * Counts a creation attempt; RATE_LIMITED past the hourly budget, FORBIDDEN at the ownership cap.
   */
  Future<Void> allowCreation(String owner) {
    return limits
        .hit(
            "rl:group-create:" + owner,
            creationsPerHour,
            3600,
            "Too many groups created; try again later")
        .compose(ok -> groups.countOwnedBy(owner))
        .map(
            owned -> {
              if (owned >= ownedLimit) {
                throw ApiException.forbidden(
                    "You own "
                        + ownedLimit
                        + " groups, the most one person may; leave one or pass it on first");
              }
              return null;
            });
  }
}
