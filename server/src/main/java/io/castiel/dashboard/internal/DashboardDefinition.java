package io.castiel.dashboard.internal;

import java.util.List;

import io.castiel.dashboard.LayoutItem;
import io.castiel.dashboard.Widget;

/** What a client sets on a dashboard, validated: everything but its id, owner, revision and times. */
public record DashboardDefinition(String name, String description, String visibility, List<String> roles, List<LayoutItem> layout,
        List<Widget> widgets) {
}
