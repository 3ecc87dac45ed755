import {
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type Key, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';

export interface Column<T> {
  header: ReactNode;
  cell(row: T): ReactNode;
  /** The cell that names the row: screen readers announce it with every other cell, tests find rows by it. */
  rowHeader?: boolean;
  /** For the body cells only. */
  className?: string;
}

interface Props<T> {
  /** Always given, also when hidden: it is the table's accessible name. */
  caption: ReactNode;
  /** For tables under a heading that already says the same. */
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey(row: T, index: number): Key;
  /** Shown instead of the table when there are no rows; a table without rows tells a screen reader nothing. */
  empty?: ReactNode;
}

/** The caption/header/rows table the pages share, so that its accessibility is settled in one place. */
export function DataTable<T>({ caption, captionHidden, columns, rows, rowKey, empty }: Props<T>) {
  const { t } = useI18n();
  const wrap = useRef<HTMLDivElement>(null);
  const captionId = useId();
  const hintId = useId();
  const wide = useOverflows(wrap);
  if (empty !== undefined && rows.length === 0) return <Paragraph>{empty}</Paragraph>;
  return (
    // A table wider than the screen scrolls sideways: then it is a focusable, named region (keyboard
    // users scroll it with the arrow keys) with a visible cue that there is more to the side.
    <div
      ref={wrap}
      className={wide ? 'kp-table-wrap kp-table-wide' : 'kp-table-wrap'}
      {...(wide
        ? { tabIndex: 0, role: 'region', 'aria-labelledby': captionId, 'aria-describedby': hintId }
        : {})}
    >
      {wide && (
        <p id={hintId} className="kp-scroll-hint">
          {t('table.scrollHint')}
        </p>
      )}
      <Table>
        <TableCaption id={captionId} className={captionHidden ? 'kp-visually-hidden' : undefined}>
          {caption}
        </TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((column, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a column has no identity but its place
              <TableHeaderCell key={i} scope="col">
                {column.header}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row, r) => (
            <TableRow key={rowKey(row, r)}>
              {columns.map((column, i) =>
                column.rowHeader ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a column has no identity but its place
                  <TableHeaderCell key={i} scope="row" className={column.className}>
                    {column.cell(row)}
                  </TableHeaderCell>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a column has no identity but its place
                  <TableCell key={i} className={column.className}>
                    {column.cell(row)}
                  </TableCell>
                ),
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** Whether the element's content is wider than the element, kept up to date as either resizes. */
function useOverflows(ref: React.RefObject<HTMLElement | null>): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    const table = element.querySelector('table');
    if (table) observer.observe(table);
    return () => observer.disconnect();
  });
  return overflows;
}
