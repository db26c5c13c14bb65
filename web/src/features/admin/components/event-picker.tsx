import { Checkbox } from "@/components/ui/checkbox";
import { t } from "@/lib/i18n";

/** The event types a webhook can subscribe to (API.md "Events, webhooks, audit"). */
export const WEBHOOK_EVENTS = [
  "shard.created",
  "shard.updated",
  "shard.deleted",
  "shard.restored",
  "relationship.created",
  "relationship.deleted",
  "shardtype.created",
  "shardtype.updated",
  "shardtype.deleted",
  "user.created",
  "user.deleted",
  "integration.sync.completed",
] as const;

/** Event checkboxes, shared by the create form and the webhook's page. */
export function EventPicker({ selected, onChange }: { selected: string[]; onChange: (events: string[]) => void }) {
  return (
    <fieldset className="grid grid-cols-1 gap-2 sm:grid-cols-2">
      <legend className="mb-1 text-sm font-medium">{t("admin.hooks.events")}</legend>
      {WEBHOOK_EVENTS.map((event) => (
        <label key={event} className="flex items-center gap-2 font-mono text-sm">
          <Checkbox
            checked={selected.includes(event)}
            onChange={(change) => onChange(change.target.checked ? [...selected, event] : selected.filter((name) => name !== event))}
          />
          {event}
        </label>
      ))}
    </fieldset>
  );
}
