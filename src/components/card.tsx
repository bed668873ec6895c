import type { ReactNode } from 'react';

export interface CardProps {
  title?: ReactNode;
  /** Right side of the title row: actions, badges. */
  aside?: ReactNode;
  children: ReactNode;
  className?: string;
  labelledBy?: string;
}

export function Card({ title, aside, children, className = '', labelledBy }: CardProps) {
  return (
    <section
      aria-labelledby={labelledBy}
      className={`rounded-lg border border-line bg-surface shadow-[0_1px_2px_rgba(15,23,42,0.04)] ${className}`}
    >
      {title !== undefined && (
        <header className="flex flex-wrap items-center justify-between gap-3 border-b border-line px-4 py-2.5">
          <h2 id={labelledBy} className="text-sm font-semibold tracking-tight text-ink">
            {title}
          </h2>
          {aside}
        </header>
      )}
      <div className="p-4">{children}</div>
    </section>
  );
}
