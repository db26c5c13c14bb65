import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ConfirmedAction } from "./confirmed-action";
import { ToastProvider } from "./toast";

function renderAction(action: () => Promise<unknown>, onDone = vi.fn()) {
  render(
    <ToastProvider>
      <ConfirmedAction label="Revoke" ariaLabel="Revoke CI" title="Revoke CI?" action={action} done="CI revoked." onDone={onDone} />
    </ToastProvider>,
  );
  return { user: userEvent.setup(), onDone };
}

describe("a confirmed action", () => {
  it("does nothing until confirmed", async () => {
    const action = vi.fn(() => Promise.resolve());
    const { user } = renderAction(action);

    await user.click(screen.getByRole("button", { name: "Revoke CI" }));
    expect(screen.getByRole("dialog", { name: "Revoke CI?" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Cancel" }));

    expect(action).not.toHaveBeenCalled();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("runs once confirmed, says it is done and closes", async () => {
    const action = vi.fn(() => Promise.resolve());
    const { user, onDone } = renderAction(action);

    await user.click(screen.getByRole("button", { name: "Revoke CI" }));
    await user.click(screen.getByRole("button", { name: "Revoke" }));

    expect(await screen.findByText("CI revoked.")).toBeInTheDocument();
    expect(action).toHaveBeenCalledTimes(1);
    expect(onDone).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("shows why it failed and closes, without the done toast", async () => {
    const { user, onDone } = renderAction(() => Promise.reject(new Error("boom")));

    await user.click(screen.getByRole("button", { name: "Revoke CI" }));
    await user.click(screen.getByRole("button", { name: "Revoke" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong on our side.");
    expect(screen.queryByText("CI revoked.")).not.toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });
});
