/* The admin's tag field as a select2 box: existing tags offered as one types.
 *
 * Progressive enhancement of tags.widgets.TagAutocompleteWidget: without this
 * script the field is the comma-separated names. With it, the text input is
 * hidden behind a select2 box in "tags" mode, fed by the admin's autocomplete
 * view (which finds tags in any script), where new names can be typed too; a
 * comma or Enter ends a name. Every change writes the chosen names back into
 * the text input, comma-separated, so the server parses what it always has.
 */
'use strict';
{
    const $ = django.jQuery;

    // As tags.models.parse_tags splits them: commas separate names, quotes dropped.
    function names(text) {
        return text.split(',').map((name) => name.trim().replace(/^"(.*)"$/, '$1').trim())
            .filter((name) => name);
    }

    function enhance(input) {
        const select = document.createElement('select');
        select.multiple = true;
        // The field's label and help text now name the box.
        select.id = input.id;
        input.id = input.id + '_text';
        if (input.hasAttribute('aria-describedby')) {
            select.setAttribute('aria-describedby', input.getAttribute('aria-describedby'));
        }
        for (const name of names(input.value)) {
            select.add(new Option(name, name, true, true));
        }
        input.hidden = true;
        input.after(select);
        $(select).select2({
            tags: true,
            tokenSeparators: [','],
            theme: 'admin-autocomplete',
            width: 'resolve',
            language: input.getAttribute('lang') || undefined,
            ajax: {
                url: input.dataset.autocompleteUrl,
                delay: 250,
                cache: true,
                data: (params) => ({
                    term: params.term,
                    page: params.page,
                    app_label: input.dataset.appLabel,
                    model_name: input.dataset.modelName,
                    field_name: input.dataset.fieldName
                }),
                // The field holds names, not ids.
                processResults: (data) => ({
                    results: data.results.map((tag) => ({id: tag.text, text: tag.text})),
                    pagination: data.pagination
                })
            }
        });
        $(select).on('change', () => {
            input.value = ($(select).val() || []).join(', ');
        });
    }

    function enhanceAll(root) {
        // Not the empty form a formset copies when a row is added.
        for (const input of root.querySelectorAll('input.tag-autocomplete')) {
            if (!input.name.includes('__prefix__')) {
                enhance(input);
            }
        }
    }

    $(() => enhanceAll(document));
    document.addEventListener('formset:added', (event) => enhanceAll(event.target));
}
