import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface PanelBoundaryProps {
  /** The panel's name, for the message: "Timeline". */
  name: string;
  children: ReactNode;
}

interface PanelBoundaryState {
  error: Error | null;
}

/** One panel failing shows its error; the rest of the page keeps working. */
export class PanelBoundary extends Component<PanelBoundaryProps, PanelBoundaryState> {
  override state: PanelBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): PanelBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Peerscope: the ${this.props.name} panel failed`, error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <div role="alert" className="rounded-lg border border-bad/40 bg-bad-soft px-4 py-3 text-sm">
          <p className="font-semibold text-bad">
            <span aria-hidden="true">✕ </span>
            The {this.props.name} panel could not be shown
          </p>
          <p className="mt-1 text-ink-muted">
            Something in this report broke it: <span className="font-mono text-xs">{this.state.error.message.slice(0, 300)}</span>.
            The other panels are unaffected.
          </p>
          <button
            type="button"
            onClick={() => this.setState({ error: null })}
            className="mt-2 h-7 rounded-md border border-bad/40 bg-surface px-2.5 text-xs font-medium text-bad"
          >
            Try again
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
