import type { AppConfig } from '../../api/schemas.ts';
import { routeLink } from '../../hooks/use-page-url.ts';

export interface DemoSessionsProps {
  demo: NonNullable<AppConfig['demo']>;
  activeSessionId: string | null;
  /** One line of chips (description on hover) once something is open. */
  compact?: boolean;
}

/** The demo upstream's sample sessions, each one click (and one shareable link) from its participants. */
export function DemoSessions({ demo, activeSessionId, compact = false }: DemoSessionsProps) {
  const sessions = demo.sessions ?? [];
  if (sessions.length === 0) return null;
  return (
    <nav aria-label="Sample sessions">
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-ink-muted uppercase">Sample sessions</h2>
      <ul className={compact ? 'flex flex-wrap gap-1.5' : 'grid gap-2 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4'}>
        {sessions.map((session) => {
          const link = routeLink({ page: 'session', session: { accountId: demo.accountId, appId: demo.appId, sessionId: session.id } });
          const active = session.id === activeSessionId;
          return (
            <li key={session.id}>
              <a
                {...link}
                title={compact ? session.description : undefined}
                aria-current={active ? 'true' : undefined}
                className={`block h-full border text-left transition-colors ${compact ? 'rounded-full px-2.5 py-0.5' : 'rounded-md px-3 py-2'} ${
                  active ? 'border-accent bg-accent-soft' : 'border-line bg-surface hover:border-accent'
                }`}
              >
                <span className={`block font-medium text-ink ${compact ? 'text-xs' : 'text-sm'}`}>
                  {session.label}
                  {active && <span className="sr-only"> (open)</span>}
                </span>
                <span className={compact ? 'sr-only' : 'mt-0.5 block text-xs leading-snug text-ink-muted'}>{session.description}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
