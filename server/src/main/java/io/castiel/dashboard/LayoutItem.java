package io.castiel.dashboard;

/** Where a widget sits on the 12-column grid: column {@code x}, row {@code y}, {@code w} columns wide, {@code h} rows high. */
public record LayoutItem(String widgetId, int x, int y, int w, int h) {
}
