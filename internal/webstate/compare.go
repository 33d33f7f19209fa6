package webstate

import (
	"strings"

	"finwait/core/compare"
	"finwait/render/i18n"
	"finwait/render/layout"
	"finwait/render/source"
)

// checkCompare is how compare= is checked, set by EnableCompare: the page's main module, which
// has no compare view (docs/web-size.md), refuses it.
var checkCompare func(p *Params, v string) (i18n.ID, []any)

// EnableCompare checks compare= (the page's full module, which shows the compare view).
func EnableCompare() { checkCompare = (*Params).setCompare }

func (p *Params) takeCompare(v string) (i18n.ID, []any) {
	if checkCompare == nil {
		return i18n.CmpUnavailable, nil
	}
	return checkCompare(p, v)
}

// setCompare checks compare= (core/compare's Spec) against the scenario and profile the URL
// names: its form, its names, and that run 2 is a valid scenario. A refusal names the bad word.
func (p *Params) setCompare(v string) (i18n.ID, []any) {
	sp, err := compare.ParseSpec(v)
	if err == nil {
		sc, _ := source.Lookup(p.Scenario)
		var sc2 = sc
		if sc2, _, err = compare.Apply(sp, sc, p.Profile); err == nil {
			if err = sc2.Validate(); err != nil {
				return i18n.CmpError, []any{err.Error()}
			}
		}
	}
	if se, ok := err.(*compare.SpecError); ok { // ParseSpec and Apply return it unwrapped
		if se.Why == compare.WhyProfile || se.Why == compare.WhyHost || se.Why == compare.WhyValue {
			return compareWhy[se.Why], []any{se.Word, se.Want}
		}
		return compareWhy[se.Why], []any{se.Word}
	}
	p.Compare = v
	return "", nil
}

// compareWhy is the message that words a refused Spec, by its Why.
var compareWhy = [...]i18n.ID{
	compare.WhyKind: i18n.CmpWhyKind, compare.WhyProfile: i18n.CmpWhyProfile, compare.WhySet: i18n.CmpWhySet,
	compare.WhyHost: i18n.CmpWhyHost, compare.WhyDrop: i18n.CmpWhyDrop, compare.WhyTime: i18n.CmpWhyTime,
	compare.WhyNoSocket: i18n.CmpWhyNoSocket, compare.WhyValue: i18n.CmpWhyValue, compare.WhyLinger: i18n.CmpWhyLinger,
}

// setTool checks tool= (the terminal panel's tab: layout.ToolTabs' Name).
func (p *Params) setTool(v string) (i18n.ID, []any) {
	var names []string
	for _, t := range layout.ToolTabs {
		if t.Name == v {
			p.Tool = v
			return "", nil
		}
		names = append(names, t.Name)
	}
	return i18n.WebParamOneOf, []any{strings.Join(names, ", ")}
}
