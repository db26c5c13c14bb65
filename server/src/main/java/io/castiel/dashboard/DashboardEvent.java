package io.castiel.dashboard;

import io.castiel.platform.DomainEvent;

/** A change to one dashboard, with the dashboard as the API shows it after the change (at deletion: as it was). */
public sealed interface DashboardEvent extends DomainEvent permits DashboardCreated, DashboardUpdated, DashboardDeleted {

    Dashboard dashboard();

    @Override
    default Object data() {
        return dashboard();
    }
}
