import { LIMITS, type Settings, type SiteMode, validateSitePattern } from '../settings';
import { AddField } from '../ui/add-field';
import { ChoiceGroup } from '../ui/choice-group';
import { RemovableList } from '../ui/removable-list';
import { Section } from '../ui/section';
import { Switch } from '../ui/switch';
import type { SettingsModel } from './use-settings';

const MODE_CHOICES = [
  {
    value: 'all-except-paused',
    label: 'Every site except paused ones',
    description: 'Mark mentions wherever you read, but not on the sites listed below.',
  },
  {
    value: 'only-listed',
    label: 'Only the sites listed below',
    description: 'Mark mentions on these sites and nowhere else.',
  },
] as const satisfies readonly { value: SiteMode; label: string; description: string }[];

export function SitesSection({ model, settings }: { readonly model: SettingsModel; readonly settings: Settings }) {
  const { mode, patterns } = settings.sites;
  const paused = mode === 'all-except-paused';
  const listName = paused ? 'Paused sites' : 'Sites to mark';
  return (
    <Section id="sites" title="Sites" description="Where Yalu Lens marks mentions, and what it shows on the toolbar.">
      <div class="yl-stack">
        <Switch
          id="paused-everywhere"
          label="Pause on every site"
          checked={settings.pausedEverywhere}
          onChange={(value) =>
            model.update((draft) => {
              draft.pausedEverywhere = value;
            })
          }
          description="Nothing is marked anywhere until you turn this off. The toolbar popup has the same switch."
        />
        <ChoiceGroup
          name="site-mode"
          legend="Mark mentions on"
          value={mode}
          choices={MODE_CHOICES}
          onChange={(value) =>
            model.update((draft) => {
              draft.sites.mode = value;
            })
          }
        />
        <div class="yl-field">
          <h3 class="yl-field__label" id="site-list-title">
            {listName} <span class="yl-count">({patterns.length})</span>
          </h3>
          <RemovableList
            label={listName}
            items={patterns}
            empty={paused ? 'No site is paused.' : 'No site is listed yet, so nothing is marked.'}
            removeLabel={(pattern) => `Remove ${pattern}`}
            focusWhenEmpty="add-site"
            onRemove={(pattern) =>
              model.update((draft) => {
                draft.sites.patterns = draft.sites.patterns.filter((other) => other !== pattern);
              })
            }
          />
        </div>
        <AddField
          id="add-site"
          label="Add a site"
          buttonLabel="Add site"
          placeholder="example.com"
          hint={`A site includes its subdomains: example.com covers www.example.com and news.example.com. You can paste a whole address. Up to ${LIMITS.sitePatterns} sites.`}
          onAdd={(value) => {
            const result = validateSitePattern(value, patterns);
            if (result.error !== null) return result.error;
            model.update((draft) => {
              draft.sites.patterns = [...draft.sites.patterns, result.pattern];
            });
            return null;
          }}
        />
        <h3 class="yl-subheading">Toolbar</h3>
        <Switch
          id="badge"
          label="Count mentions on the toolbar icon"
          checked={settings.badge}
          onChange={(value) =>
            model.update((draft) => {
              draft.badge = value;
            })
          }
          description="Shows how many mentions the current page has on the Yalu Lens icon."
        />
      </div>
    </Section>
  );
}
