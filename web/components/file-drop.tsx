import { useRef, useState } from 'preact/hooks';
import { formatNumber } from '../format';
import { t } from '../i18n';
import { Field } from './ui';

/**
 * A file for a form — a PDF report, or a saved web page — dropped on the zone or chosen with the
 * file button. The form keeps the file (`onFile`); this shows which one it holds and lets the
 * person take it away again.
 */
export function FileDrop(props: { file: File | null; onFile: (file: File | null) => void; error?: unknown }) {
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    // The file button then names the dropped file too, as if it had been chosen.
    if (input.current && e.dataTransfer) input.current.files = e.dataTransfer.files;
    props.onFile(file);
  };
  const remove = () => {
    if (input.current) input.current.value = '';
    props.onFile(null);
  };
  return (
    <div
      class={`dropzone${over ? ' over' : ''}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <Field label={t('sources.add.file')} path="file" error={props.error} hint={t('sources.add.fileHint')}>
        {(p) => (
          <input
            {...p}
            ref={input}
            type="file"
            accept="application/pdf,.pdf,text/html,.html,.htm"
            onChange={(e) => props.onFile(e.currentTarget.files?.[0] ?? null)}
          />
        )}
      </Field>
      {props.file && (
        <p class="chosen-file">
          {t('sources.add.chosen', {
            name: props.file.name,
            kb: formatNumber(Math.ceil(props.file.size / 1024)),
          })}{' '}
          <button type="button" class="link" onClick={remove}>
            {t('sources.add.removeFile')}
          </button>
        </p>
      )}
    </div>
  );
}
