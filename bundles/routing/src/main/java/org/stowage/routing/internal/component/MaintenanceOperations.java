package org.stowage.routing.internal.component;

import org.apache.camel.Exchange;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.ForgetResult;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.PruneResult;
import org.stowage.api.repository.RetentionPolicy;
import org.stowage.api.repository.StowageException;
import org.stowage.routing.internal.OptionLists;

/**
 * {@code stowage:check} (a {@link CheckReport}; problems publish CHECK_FAILED and, with {@code failOnError}, fail the
 * exchange) and {@code stowage:forget} (a {@link ForgetResult}, and with {@code prune} the {@link PruneResult} as a
 * header): what a job's retention and an operator's check do, for routes that schedule them on their own.
 */
final class MaintenanceOperations {

    private static final int ERRORS_SHOWN = 5;

    private final StowageEndpoint endpoint;
    private final StowageConfiguration config;

    MaintenanceOperations(StowageEndpoint endpoint) {
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
    }

    void check(Exchange exchange) {
        CheckReport report = endpoint.services().check().check(config.isReadData(), config.getDevice(),
                ProgressListener.NONE);
        exchange.getMessage().setBody(report);
        if (report.isOk()) {
            return;
        }
        String summary = report.errors().size() + " problems: " + String.join("; ",
                report.errors().subList(0, Math.min(ERRORS_SHOWN, report.errors().size())));
        endpoint.services().events().publish(StowageEventType.CHECK_FAILED, null, config.getDevice(), summary, report);
        if (config.isFailOnError()) {
            throw new StowageException("check of the repository found " + summary + " (stowage:check --read-data "
                    + "and docs/design.md say how to repair)");
        }
    }

    void forget(Exchange exchange) {
        RetentionPolicy policy;
        try {
            policy = RetentionPolicy.parse(config.getPolicy());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(endpoint.getEndpointUri() + ": policy=" + config.getPolicy()
                    + " is not valid: " + e.getMessage(), e);
        }
        ForgetResult forget = endpoint.services().retention().forget(policy, OptionLists.split(config.getTags()),
                config.isDryRun());
        exchange.getMessage().setBody(forget);
        if (config.isPrune()) {
            PruneResult prune = endpoint.services().retention().prune(config.isDryRun(), ProgressListener.NONE);
            exchange.getMessage().setHeader(StowageConstants.PRUNE_RESULT, prune);
        }
    }
}
