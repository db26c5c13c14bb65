import { useId, useState, type FormEvent } from "react";
import { useMutation, useQueries } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Label } from "@/components/ui/label";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { shardPath, shardTitle } from "@/lib/shard-title";
import { ask, shardQuery } from "../api/search-api";
import { answerParts } from "../lib/answer";

/** A question to the tenant's shards; the answer with numbered, clickable citations and who wrote it. */
export function AskPanel({ types, initialQuestion = "" }: { types: string[] | undefined; initialQuestion?: string }) {
  const id = useId();
  const [question, setQuestion] = useState(initialQuestion);
  const asking = useMutation({ mutationFn: (text: string) => ask(text, types) });
  const answer = asking.data;
  const citations = answer?.citations ?? [];
  const shards = useQueries({ queries: citations.map((citation) => shardQuery(citation.shardId!)) });

  const submit = (event: Pick<FormEvent, "preventDefault">) => {
    event.preventDefault();
    if (question.trim()) asking.mutate(question.trim());
  };
  const titleOf = (index: number) => {
    const shard = shards[index]?.data;
    return shard ? shardTitle(shard) : t("search.ask.source", { number: index + 1 });
  };

  return (
    <div className="grid gap-4">
      <form onSubmit={submit} className="grid gap-3">
        <Label htmlFor={`${id}-question`}>{t("search.ask.question")}</Label>
        <Textarea
          id={`${id}-question`}
          value={question}
          rows={3}
          maxLength={2000}
          onChange={(event) => setQuestion(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit(event);
          }}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {t("search.ask.hint")}
        </p>
        <div>
          <SubmitButton pending={asking.isPending} pendingLabel={t("search.ask.asking")}>
            {t("search.ask.submit")}
          </SubmitButton>
        </div>
      </form>

      {asking.isError && <Alert variant="error">{errorMessage(asking.error)}</Alert>}

      {answer && (
        <section aria-labelledby={`${id}-answer`} aria-live="polite" className="grid gap-3 rounded-lg border border-border bg-card p-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id={`${id}-answer`} className="font-semibold">
              {t("search.ask.answer")}
            </h2>
            <Badge variant={answer.mode === "llm" ? "default" : "outline"} title={answer.mode === "llm" ? t("search.ask.mode.llm.hint") : t("search.ask.mode.extractive.hint")}>
              {answer.mode === "llm" ? t("search.ask.mode.llm") : t("search.ask.mode.extractive")}
            </Badge>
          </div>
          <p className="leading-relaxed">
            {answerParts(answer.answer ?? "", citations.map((citation) => citation.shardId!)).map((part, index) =>
              "text" in part ? (
                <span key={index}>{part.text}</span>
              ) : (
                <sup key={index}>
                  <Link
                    to={shardPath(part.shardId)}
                    className="ml-0.5 rounded px-0.5 font-medium text-primary hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                    aria-label={t("search.ask.citation.link", { number: part.citation, title: titleOf(part.citation - 1) })}
                  >
                    [{part.citation}]
                  </Link>
                </sup>
              ),
            )}
          </p>
          {citations.length > 0 ? (
            <div className="grid gap-2">
              <h3 className="text-sm font-semibold">{t("search.ask.citations")}</h3>
              <ol className="grid gap-2">
                {citations.map((citation, index) => (
                  <li key={citation.shardId} className="grid gap-1 text-sm">
                    <Link
                      to={shardPath(citation.shardId!)}
                      className="font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                    >
                      [{index + 1}] {titleOf(index)}
                    </Link>
                    {citation.excerpt && <blockquote className="border-l-2 border-border pl-3 text-muted-foreground">{citation.excerpt}</blockquote>}
                  </li>
                ))}
              </ol>
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">{t("search.ask.noCitations")}</p>
          )}
        </section>
      )}
    </div>
  );
}
