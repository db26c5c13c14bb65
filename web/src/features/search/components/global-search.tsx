import { useEffect, useId, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { t } from "@/lib/i18n";
import { shardPath, shardTitle } from "@/lib/shard-title";
import { searchQuery } from "../api/search-api";
import { HighlightedText } from "./highlighted-text";

function useDebounced<T>(value: T, milliseconds: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), milliseconds);
    return () => clearTimeout(timer);
  }, [value, milliseconds]);
  return debounced;
}

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The header's search box: `/` or Ctrl/⌘+K focuses it, quick results appear as you type (arrow
 * keys move into them, Escape closes), Enter opens the full search page.
 */
export function GlobalSearch() {
  const id = useId();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const query = useDebounced(text.trim(), 250);
  const results = useQuery({ ...searchQuery(query, "hybrid", undefined, 6), enabled: open && query.length >= 2 });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const shortcut = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey);
      if (shortcut || (event.key === "/" && !typingInField(event.target) && !event.altKey && !event.ctrlKey && !event.metaKey)) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
        setOpen(true);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const close = () => setOpen(false);
  const links = () => Array.from(list.current?.querySelectorAll<HTMLAnchorElement>("a") ?? []);
  const hits = results.data ?? [];
  const showList = open && query.length >= 2;

  return (
    <div
      ref={container}
      className="relative w-full sm:w-64"
      onBlur={(event) => {
        if (!container.current?.contains(event.relatedTarget as Node | null)) close();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          close();
          input.current?.focus();
        }
      }}
    >
      <form
        role="search"
        aria-label={t("search.global.label")}
        onSubmit={(event) => {
          event.preventDefault();
          if (!text.trim()) return;
          close();
          void navigate({ to: "/search", search: { q: text.trim() } });
        }}
      >
        <label htmlFor={`${id}-input`} className="sr-only">
          {t("search.global.label")}
        </label>
        {/* A drawn magnifier: the icon library's barrel would weigh on every page's shell. */}
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-foreground"
        >
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
        <input
          ref={input}
          id={`${id}-input`}
          type="search"
          value={text}
          autoComplete="off"
          placeholder={t("search.global.placeholder")}
          aria-keyshortcuts="/ Control+K Meta+K"
          aria-controls={showList ? `${id}-results` : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
          onClick={() => setOpen(true)}
          onKeyDown={(event) => {
            if (event.key === "ArrowDown") {
              event.preventDefault();
              if (showList) links()[0]?.focus();
              else setOpen(true);
            }
          }}
          className="h-9 w-full rounded-md border border-input bg-background pl-8 pr-3 text-sm placeholder:text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        />
        <span id={`${id}-hint`} className="sr-only">
          {t("search.global.hint")}
        </span>
      </form>
      {showList && (
        <div className="absolute right-0 z-20 mt-1 w-full min-w-72 rounded-md border border-border bg-card p-1 shadow-lg">
          <p className="sr-only" role="status">
            {results.isFetching ? t("search.global.searching") : t("search.global.count", { count: hits.length })}
          </p>
          {results.isFetching && hits.length === 0 ? (
            <p className="px-3 py-2 text-sm text-muted-foreground">{t("search.global.searching")}</p>
          ) : results.isError ? (
            <p className="px-3 py-2 text-sm text-destructive">{t("search.global.failed")}</p>
          ) : hits.length === 0 ? (
            <p className="px-3 py-2 text-sm text-muted-foreground">{t("search.global.none")}</p>
          ) : (
            <ul
              ref={list}
              id={`${id}-results`}
              aria-label={t("search.global.results")}
              onKeyDown={(event) => {
                const all = links();
                const index = all.indexOf(document.activeElement as HTMLAnchorElement);
                if (event.key === "ArrowDown") {
                  event.preventDefault();
                  all[Math.min(index + 1, all.length - 1)]?.focus();
                } else if (event.key === "ArrowUp") {
                  event.preventDefault();
                  if (index <= 0) input.current?.focus();
                  else all[index - 1]?.focus();
                }
              }}
            >
              {hits.map((hit) => (
                <li key={hit.shard!.id}>
                  <Link
                    to={shardPath(hit.shard!.id!)}
                    onClick={close}
                    className="flex items-center justify-between gap-3 rounded px-3 py-2 text-sm hover:bg-muted focus-visible:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                  >
                    <span className="truncate">
                      <HighlightedText text={shardTitle(hit.shard!)} query={query} />
                    </span>
                    <span className="shrink-0 text-xs text-muted-foreground">{hit.shard!.shardType}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <Link
            to="/search"
            search={{ q: query }}
            onClick={close}
            className="mt-1 block rounded px-3 py-2 text-sm font-medium text-primary hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            {t("search.global.all", { query })}
          </Link>
        </div>
      )}
    </div>
  );
}
