import { useRouter } from "@tanstack/react-router";
import type { AnchorHTMLAttributes, MouseEvent, Ref } from "react";

/**
 * A link to an app path known only at run time (a notification's `link`, a route another feature
 * owns): a real `<a href>` (open in a new tab works) that navigates inside the app on a plain
 * click. Absolute URLs to elsewhere are left to the browser.
 */
export function PathLink({
  href,
  onClick,
  ref,
  ...props
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; ref?: Ref<HTMLAnchorElement> }) {
  const router = useRouter();
  const internal = href.startsWith("/") && !href.startsWith("//");
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (
      !internal ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      (props.target && props.target !== "_self")
    ) {
      return;
    }
    event.preventDefault();
    router.history.push(href);
  }
  return <a ref={ref} href={href} onClick={handleClick} {...props} />;
}
