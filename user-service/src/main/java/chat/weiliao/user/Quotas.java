package chat.weiliao.user;

import chat.weiliao.common.Config;

/**
 * Abuse limits beyond the contract's fixed ones (login failures, searches). The defaults leave room
 * for a person, a family behind one NAT, and a test suite that registers a few hundred users from
 * one address; an operator tightens them by env (the bench loosens them).
 *
 * @param registrationsPerAddressPerHour register attempts (409s included, so probing which phones
 *     exist is bounded too) from one client address in an hour
 * @param contactRequestsPerHour friend requests one user may send in an hour (spam)
 * @param profileLookupsPerMinute {@code GET /api/users/{phone}} calls per user a minute (without
 *     it, this route would be an unlimited way around search's 30 a minute)
 */
record Quotas(
    int registrationsPerAddressPerHour, int contactRequestsPerHour, int profileLookupsPerMinute) {

  static Quotas from(Config config) {
    return new Quotas(
        config.integer("WEILIAO_REGISTRATIONS_PER_ADDRESS_PER_HOUR", 2000),
        config.integer("WEILIAO_CONTACT_REQUESTS_PER_HOUR", 1000),
        config.integer("WEILIAO_PROFILE_LOOKUPS_PER_MINUTE", 600));
  }
}
