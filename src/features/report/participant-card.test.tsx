import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { emptyPeerReport, type Participant, type PeerReport } from '../../report/model.ts';
import { ParticipantCard } from './participant-card.tsx';

function reportWith(participant: Partial<Participant>): PeerReport {
  const report = emptyPeerReport();
  return { ...report, participant: { ...report.participant, ...participant } };
}

describe('ParticipantCard', () => {
  it('shows identity, times and the time in call as h:mm:ss', () => {
    const joinedAt = Date.UTC(2026, 10, 25, 14, 0, 0);
    render(
      <ParticipantCard
        report={reportWith({
          displayName: 'Ana Souza',
          peerId: '6513270e-269e-4d37-b2a7-4de452e6b438',
          userId: 'user-1',
          customParticipantId: 'crm-42',
          sessionId: 'session-9',
          preset: 'group_call_host',
          joinedAt,
          leftAt: joinedAt + 1_500_000,
          durationMs: 66_540,
        })}
      />,
    );
    const card = screen.getByRole('region', { name: 'Participant' });
    expect(within(card).getByText('Ana Souza')).toBeInTheDocument();
    expect(within(card).getByText('group_call_host')).toBeInTheDocument();
    expect(within(card).getByText('0:01:07')).toBeInTheDocument();
    expect(within(card).getByText('2026-11-25 14:00:00 UTC')).toBeInTheDocument();
    expect(within(card).getByText('2026-11-25 14:25:00 UTC')).toBeInTheDocument();
    for (const what of ['peer ID', 'user ID', 'custom participant ID', 'session ID']) {
      expect(within(card).getByRole('button', { name: `Copy ${what}` })).toBeInTheDocument();
    }
  });

  it('says a missing leave time may mean the participant is still in the call', () => {
    render(<ParticipantCard report={reportWith({ joinedAt: Date.now(), durationMs: 751_000 })} />);
    expect(screen.getByText('still in call or not recorded')).toBeInTheDocument();
    // The time in call is a lower bound while no leave time is known.
    expect(screen.getByTitle("From the report's duration (minutes)")).toHaveTextContent(/^0:12:31 so far$/);
    expect(screen.getByText('No display name')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Copy user ID' })).not.toBeInTheDocument();
  });

  it('says prominently when the answer is about another participant than the one asked for', () => {
    render(
      <ParticipantCard
        report={reportWith({ displayName: 'Dana Whitfield', peerId: '6513270e-269e-4d37-b2a7-4de452e6b438' })}
        requestedPeerId="6b4cb242-4a23-4596-a217-beaddbc496cb"
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This report is for another participant than the one asked for.');
    expect(alert).toHaveTextContent(
      'The lookup asked for peer 6b4cb242-4a23-4596-a217-beaddbc496cb; the answer is about peer 6513270e-269e-4d37-b2a7-4de452e6b438 (Dana Whitfield).',
    );
  });

  it('stays quiet when the answer is the peer asked for, whatever the case, or when nothing was asked', () => {
    const { rerender } = render(
      <ParticipantCard report={reportWith({ peerId: '6513270e-269e-4d37-b2a7-4de452e6b438' })} requestedPeerId="6513270E-269E-4D37-B2A7-4DE452E6B438" />,
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    rerender(<ParticipantCard report={reportWith({ peerId: '6513270e-269e-4d37-b2a7-4de452e6b438' })} requestedPeerId="" />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    rerender(<ParticipantCard report={reportWith({ peerId: null })} requestedPeerId="6b4cb242-4a23-4596-a217-beaddbc496cb" />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
