package org.stowage.shell.internal;

import java.util.Comparator;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.stowage.api.selector.NodeSelector;

/**
 * Lists the installed node selectors, by the name a repository configuration or a job uses, with the bundle that
 * provides each (a third-party selector shows its own bundle).
 */
@Service
@Command(scope = "stowage", name = "selectors", description = "Lists the installed node selectors: the names "
        + "'selector' in the repository configuration or a job may use, and the bundle of each.")
public class SelectorsCommand extends StowageAction {

    @Option(name = "--json", description = "Print JSON for scripts")
    boolean json;

    @Reference
    BundleContext bundleContext;

    /** One selector as listed. */
    record SelectorRow(String name, String bundle, String bundleVersion, String implementation) {
    }

    @Override
    void run() throws Exception {
        List<SelectorRow> rows = rows();
        if (json) {
            Json.print(out, rows);
            return;
        }
        ShellTable table = new ShellTable().emptyTableText("(no node selectors: install feature stowage-selectors, "
                + "or a bundle that registers a " + NodeSelector.class.getSimpleName() + " service)");
        for (String column : List.of("Name", "Bundle", "Version", "Implementation")) {
            table.column(column);
        }
        rows.forEach(r -> table.addRow().addContent(r.name(), r.bundle(), r.bundleVersion(), r.implementation()));
        table.print(out);
    }

    private List<SelectorRow> rows() throws InvalidSyntaxException {
        return bundleContext.getServiceReferences(NodeSelector.class, null).stream()
                .map(SelectorsCommand::row).sorted(Comparator.comparing(SelectorRow::name)).toList();
    }

    private static SelectorRow row(ServiceReference<NodeSelector> reference) {
        Object name = reference.getProperty(NodeSelector.PROP_NAME);
        Object implementation = reference.getProperty("component.name");
        return new SelectorRow(name == null ? "(no " + NodeSelector.PROP_NAME + ")" : name.toString(),
                reference.getBundle().getSymbolicName(), reference.getBundle().getVersion().toString(),
                implementation == null ? "" : implementation.toString());
    }
}
