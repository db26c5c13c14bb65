import { en, type MessageKey } from "./en";

export type { MessageKey };

/** The message for `key` with `{name}` placeholders replaced from `values`. */
export function t(key: MessageKey, values?: Record<string, string | number>): string {
  const message: string = en[key];
  if (!values) {
    return message;
  }
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
