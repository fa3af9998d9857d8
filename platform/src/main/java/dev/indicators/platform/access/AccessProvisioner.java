package dev.indicators.platform.access;

import dev.indicators.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the secure stack's SCRAM users and their least-privilege ACLs (the admin is a super user and needs none).
 * Running it again is harmless: credentials are upserted and ACLs are a set.
 * <ul>
 *   <li>a department: WRITE and DESCRIBE on the input topics of its event types, nothing else;</li>
 *   <li>{@code pipeline} (the streams app): READ on the inputs; ALL on topics, groups and transactional ids starting
 *       with its application id (internal topics, its consumer group, exactly-once producers); WRITE on totals and
 *       dead letters; READ on totals and dead letters (the HTTP receipts look there); WRITE on the inputs (its HTTP
 *       ingest, which checks each token's departments and regions before publishing); DESCRIBE on the cluster's
 *       consumer groups (lag);</li>
 *   <li>{@code dashboard}: READ and DESCRIBE on the totals topic, and its own consumer groups ({@code dashboard*}).</li>
 * </ul>
 */
public final class AccessProvisioner {

    private static final Logger log = LoggerFactory.getLogger(AccessProvisioner.class);
    private static final int SCRAM_ITERATIONS = 8192;

    private AccessProvisioner() {
    }

    public static void provision(Admin admin, AccessRoles roles, StackCredentials credentials, Topics topics) {
        List<UserScramCredentialAlteration> users = new ArrayList<>();
        for (String user : roles.users()) {
            if (user.equals(AccessRoles.ADMIN)) continue; // created when the broker's storage was formatted
            users.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                    credentials.password(user)));
        }
        List<AclBinding> acls = acls(roles, topics);
        try {
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating users and ACLs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the secure stack's users and ACLs: " + e.getMessage(), e);
        }
        log.info("secure stack: SCRAM-SHA-512 users {} and {} ACLs", roles.users(), acls.size());
    }

    static List<AclBinding> acls(AccessRoles roles, Topics topics) {
        List<AclBinding> acls = new ArrayList<>();
        for (Department d : roles.departments()) {
            for (var type : d.eventTypes()) {
                String topic = topics.inputFor(type);
                acls.add(allow(d.name(), literal(ResourceType.TOPIC, topic), AclOperation.WRITE));
                acls.add(allow(d.name(), literal(ResourceType.TOPIC, topic), AclOperation.DESCRIBE));
            }
        }
        String app = roles.applicationIdPrefix();
        for (String input : topics.inputs()) {
            acls.add(allow(AccessRoles.PIPELINE, literal(ResourceType.TOPIC, input), AclOperation.READ));
            acls.add(allow(AccessRoles.PIPELINE, literal(ResourceType.TOPIC, input), AclOperation.WRITE));
            acls.add(allow(AccessRoles.PIPELINE, literal(ResourceType.TOPIC, input), AclOperation.DESCRIBE));
        }
        for (String output : List.of(topics.totals(), topics.deadLetter())) {
            acls.add(allow(AccessRoles.PIPELINE, literal(ResourceType.TOPIC, output), AclOperation.WRITE));
            acls.add(allow(AccessRoles.PIPELINE, literal(ResourceType.TOPIC, output), AclOperation.READ));
            acls.add(allow(AccessRoles.PIPELINE, literal(ResourceType.TOPIC, output), AclOperation.DESCRIBE));
        }
        acls.add(allow(AccessRoles.PIPELINE, prefixed(ResourceType.TOPIC, app), AclOperation.ALL));
        acls.add(allow(AccessRoles.PIPELINE, prefixed(ResourceType.GROUP, app), AclOperation.ALL));
        acls.add(allow(AccessRoles.PIPELINE, prefixed(ResourceType.TRANSACTIONAL_ID, app), AclOperation.ALL));
        // the lag sampler lists and describes consumer groups, and reads their committed offsets
        acls.add(allow(AccessRoles.PIPELINE, literal(ResourceType.CLUSTER, "kafka-cluster"), AclOperation.DESCRIBE));
        acls.add(allow(AccessRoles.PIPELINE, literal(ResourceType.GROUP, ResourcePattern.WILDCARD_RESOURCE), AclOperation.DESCRIBE));

        acls.add(allow(AccessRoles.DASHBOARD, literal(ResourceType.TOPIC, topics.totals()), AclOperation.READ));
        acls.add(allow(AccessRoles.DASHBOARD, literal(ResourceType.TOPIC, topics.totals()), AclOperation.DESCRIBE));
        acls.add(allow(AccessRoles.DASHBOARD, prefixed(ResourceType.GROUP, AccessRoles.DASHBOARD), AclOperation.READ));
        return acls;
    }

    private static AclBinding allow(String user, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static ResourcePattern literal(ResourceType type, String name) {
        return new ResourcePattern(type, name, PatternType.LITERAL);
    }

    private static ResourcePattern prefixed(ResourceType type, String prefix) {
        return new ResourcePattern(type, prefix, PatternType.PREFIXED);
    }
}
