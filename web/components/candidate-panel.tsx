import '../tracking.css';
import { t } from '../i18n';
import { RecordForm } from '../pages/record-form';
import { href } from '../router';
import type { Candidate, Item, Source } from '../types';
import { ProposedUpdates } from './proposed-updates';

export type Recorded = Item & { possibleDuplicates?: { id: string; title: string }[] };

/**
 * The panel for a chosen candidate. One already recorded (or matching recorded items) never
 * shows an active form again — going *Back* after *Record* lands here — but links to its items
 * and offers the updates it proposes for them.
 */
export function CandidatePanel(props: {
  source: Source;
  candidate: Candidate;
  formKey: string;
  onRecorded: (item: Recorded) => void;
  onApplied: () => void;
}) {
  const { candidate } = props;
  if (candidate.existingItemIds.length === 0)
    return (
      <RecordForm
        key={props.formKey}
        source={props.source}
        draft={candidate.draft}
        actors={candidate.actors}
        candidate={candidate}
        onRecorded={props.onRecorded}
      />
    );
  return (
    <section aria-labelledby="recorded-h" class="recorded">
      <h3 id="recorded-h">{t('candidatePanel.alreadyRecorded')}</h3>
      <blockquote lang={props.source.language}>{candidate.quote}</blockquote>
      <ul>
        {candidate.existingItemIds.map((id) => (
          <li key={id}>
            <a href={href(`/items/${id}`)}>{t('candidatePanel.openRecorded')}</a>
          </li>
        ))}
      </ul>
      <ProposedUpdates candidate={candidate} onApplied={props.onApplied} />
    </section>
  );
}

/** What *Record* did: a link to the new item, and a warning when it looks like one already recorded. */
export function RecordedNotice({ item }: { item: Recorded }) {
  const alike = item.possibleDuplicates ?? [];
  return (
    <div role="status" class="notice">
      <p>
        {t('candidatePanel.recorded')} <a href={href(`/items/${item.id}`)}>{item.title}</a>
      </p>
      {alike.length > 0 && (
        <p class="warning">
          {t('candidatePanel.looksLike')}{' '}
          {alike.map((d, i) => (
            <span key={d.id}>
              {i > 0 && ', '}
              <a href={href(`/items/${d.id}`)}>{d.title}</a>
            </span>
          ))}
          {t('candidatePanel.sameHint')}
        </p>
      )}
    </div>
  );
}
