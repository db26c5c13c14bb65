import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";
import { resetSessionForTests } from "@/lib/api";

// jsdom has no scrolling; the router restores scroll positions on navigation.
window.scrollTo = vi.fn() as unknown as typeof window.scrollTo;

afterEach(() => {
  cleanup();
  resetSessionForTests();
  localStorage.clear();
  sessionStorage.clear();
});
