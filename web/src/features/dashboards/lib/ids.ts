/** A widget id the server accepts ([A-Za-z0-9_-]{1,64}), unique within its dashboard. */
export function newWidgetId(kind: string, taken: readonly string[]): string {
  const random = () => Math.random().toString(36).slice(2, 8);
  let id = `${kind}-${random()}`;
  while (taken.includes(id)) id = `${kind}-${random()}`;
  return id;
}
