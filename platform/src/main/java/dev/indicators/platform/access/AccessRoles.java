package dev.indicators.platform.access;

import dev.indicators.contract.EventType;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who may use the secure stack, besides the admin: the departments that publish, the streams app, the dashboards.
 *
 * @param departments          one Kafka user per department, writing only its event types' input topics
 * @param applicationIdPrefix  the streams app's {@code application.id} (or a prefix of it): its internal topics,
 *                             transactional ids and consumer group all start with it
 */
public record AccessRoles(List<Department> departments, String applicationIdPrefix) {

    /** The cluster's super user: creates topics, users, ACLs; registers schemas. */
    public static final String ADMIN = "admin";
    /** The streams app (and the HTTP ingest gateway of the same process, which checks each token's scope itself). */
    public static final String PIPELINE = "pipeline";
    /** Dashboards and other readers of the totals topic. */
    public static final String DASHBOARD = "dashboard";

    public AccessRoles {
        departments = List.copyOf(departments);
        Objects.requireNonNull(applicationIdPrefix, "applicationIdPrefix");
        for (Department d : departments) {
            if (Set.of(ADMIN, PIPELINE, DASHBOARD).contains(d.name())) {
                throw new IllegalArgumentException("department name '" + d.name() + "' is reserved for a role");
            }
        }
    }

    /**
     * The departments of the shared secure test stack: Qingpu's government (reconsideration, certificates) and its
     * justice bureau (mediation), so a test can show one department refused on the other's topic.
     */
    public static AccessRoles forTests() {
        return new AccessRoles(List.of(
                new Department("qingpu-district-gov", Set.of(EventType.RECONSIDERATION, EventType.CERTIFICATE)),
                new Department("qingpu-district-justice", Set.of(EventType.MEDIATION)),
                new Department("xiangfu-district-gov", Set.of(EventType.RECONSIDERATION, EventType.CERTIFICATE))), "indicator-pipeline");
    }

    public List<String> users() {
        List<String> users = new java.util.ArrayList<>(List.of(ADMIN, PIPELINE, DASHBOARD));
        departments.forEach(d -> users.add(d.name()));
        return users;
    }
}
