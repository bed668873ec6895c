import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { VerdictCard, type ShownVerdict } from './verdict-card.tsx';

function verdictWith(findings: number): ShownVerdict {
  return {
    side: 'participant',
    headline: 'Most likely this participant’s own network.',
    advice: ['Use a wired connection.'],
    evidence: Array.from({ length: findings }, (_, i) => ({ id: `f${i}`, title: `Finding ${i + 1}` })),
  };
}

describe('VerdictCard', () => {
  it('links the first three findings it rests on and counts the rest in the right number', () => {
    const { rerender } = render(<VerdictCard verdict={verdictWith(4)} />);
    expect(screen.getByRole('link', { name: 'Finding 1' })).toHaveAttribute('href', '#finding-f0');
    expect(screen.queryByRole('link', { name: 'Finding 4' })).not.toBeInTheDocument();
    expect(screen.getByText(/and 1 more finding below$/)).toBeInTheDocument();
    rerender(<VerdictCard verdict={verdictWith(5)} />);
    expect(screen.getByText(/and 2 more findings below$/)).toBeInTheDocument();
    rerender(<VerdictCard verdict={verdictWith(3)} />);
    expect(screen.queryByText(/more finding/)).not.toBeInTheDocument();
  });

  it('is a region named by its side, with the advice under its own heading', () => {
    render(<VerdictCard verdict={verdictWith(1)} />);
    expect(screen.getByRole('region', { name: 'Verdict · This participant’s side' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'What to tell the customer, or do next' })).toBeInTheDocument();
    expect(screen.getByRole('listitem')).toHaveTextContent('Use a wired connection.');
  });

  it('draws a muted participant plainly: their side, but not a fault', () => {
    const { rerender } = render(<VerdictCard verdict={verdictWith(1)} />);
    expect(screen.getByRole('region')).toHaveClass('bg-bad-soft');
    rerender(<VerdictCard verdict={{ ...verdictWith(1), notAProblem: true }} />);
    expect(screen.getByRole('region')).not.toHaveClass('bg-bad-soft');
    expect(screen.getByRole('region')).toHaveClass('bg-surface');
  });
});
