import { formatIsoDate } from '../lib/format';
import { useFormat } from '../lib/use-format';

/**
 * A date or timestamp in the reader's style (2025年6月9日 / 令和7年6月9日 / 9 Jun 2025) inside a `<time>` element
 * whose machine-readable value and tooltip keep the exact ISO form.
 */
export function DateText({
  value,
  withTime = false,
  seconds = false,
}: {
  value: string | null | undefined;
  withTime?: boolean;
  seconds?: boolean;
}) {
  const format = useFormat();
  if (!value) return <span>—</span>;
  const text = withTime ? format.dateTime(value, seconds) : format.date(value);
  if (!text) return <span>{value}</span>;
  const machine = withTime ? value : formatIsoDate(value);
  return (
    <time dateTime={machine} title={machine}>
      {text}
    </time>
  );
}
