package org.stowage.api.device;

import java.util.List;

/**
 * Detail a driver shows operators beyond {@link DeviceStatus}, e.g. a tape library's cartridges with labels,
 * positions and fill. Implemented by a driver's device service next to {@link Device}; the shell's
 * {@code stowage:device <id>} prints each section as a table. Must be cheap and must not touch the medium
 * (no load, no locate). Thread-safe.
 */
public interface DeviceDetails {

    List<Section> details();

    /**
     * One table of detail.
     *
     * @param title   what the rows are, e.g. "Cartridges"
     * @param columns the column headers
     * @param rows    the rows, each with one cell per column
     */
    record Section(String title, List<String> columns, List<List<String>> rows) {

        public Section {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("section '" + title + "': a row has " + row.size()
                            + " cells for " + columns.size() + " columns");
                }
            }
        }
    }
}
